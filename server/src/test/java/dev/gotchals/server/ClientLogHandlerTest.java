package dev.gotchals.server;

import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.services.LanguageClient;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.any;

class ClientLogHandlerTest {
    /**
     * lsp4j logs a notification it could not send: forwarding that record to the client again must not loop (the
     * language server died of a StackOverflowError when the editor closed its end while records were flowing).
     */
    @Test
    void aRecordLoggedWhileSendingIsNotSentAgain() {
        Logger logger = Logger.getLogger("dev.gotchals.server.ClientLogHandlerTest");
        logger.setUseParentHandlers(false);
        LanguageClient client = Mockito.mock(LanguageClient.class);
        AtomicInteger sent = new AtomicInteger();
        Mockito.doAnswer(invocation -> {
            sent.incrementAndGet();
            logger.log(Level.WARNING, "Failed to send notification message.");
            throw new IllegalStateException("stream closed");
        }).when(client).logMessage(any(MessageParams.class));
        ServerLauncher.ClientLogHandler handler = new ServerLauncher.ClientLogHandler(client);
        logger.addHandler(handler);
        try {
            logger.warning("analysis took long");
            logger.warning("and again");
        } finally {
            logger.removeHandler(handler);
        }
        assertEquals(2, sent.get(), "each record is sent once; the failure logged while sending is not");
    }
}
