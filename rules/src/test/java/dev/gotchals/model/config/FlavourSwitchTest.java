package dev.gotchals.model.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FlavourSwitchTest {
    @TempDir
    Path dir;

    /** The variables of the config's build-time reads that choose a flavour of the build. */
    private List<String> flavours(String config) {
        ConfigTimeline prod = ConfigTimeline.of(ConfigProject.open(dir, Map.of("config/config.exs", config)), "prod");
        return prod.envReads().stream().filter(EnvRead::choosesFlavour).map(EnvRead::variable).toList();
    }

    @Test
    void aDecisionThatPicksAModuleAndGuardsItsConfigIsAFlavour() {
        assertEquals(List.of("DESKTOP"), flavours("""
                import Config
                yes? = ~w(true yes 1)
                desktop? = System.get_env("DESKTOP") in yes?

                config :shop, endpoint_module: if(desktop?, do: Shop.Desktop.Endpoint, else: ShopWeb.Endpoint)

                if desktop? do
                  # the window's endpoint
                  config :shop, Shop.Desktop.Endpoint, server: true, http: [port: 0]
                end
                """));
    }

    @Test
    void aChosenModuleThatIsTheSubjectOfConfigIsAFlavour() {
        assertEquals(List.of("KIOSK", "EDITION"), flavours("""
                import Config
                endpoint = if System.get_env("KIOSK") == "1", do: Shop.KioskEndpoint, else: ShopWeb.Endpoint
                config :shop, endpoint, server: true

                store =
                  case System.get_env("EDITION") do
                    "community" -> Shop.Community
                    _ -> Shop.Enterprise
                  end

                config :shop, store, seats: 10
                """));
    }

    @Test
    void aDecisionThatPicksASettingIsNoFlavour() {
        assertEquals(List.of(), flavours("""
                import Config
                desktop? = System.get_env("DESKTOP") in ~w(true 1)
                config :shop, endpoint_module: if(desktop?, do: Shop.Desktop.Endpoint, else: ShopWeb.Endpoint)
                config :shop, desktop: desktop?

                config :waffle, storage: if(System.get_env("S3_BUCKET"), do: Waffle.Storage.S3, else: Waffle.Storage.Local)

                mailer = if System.get_env("SMTP"), do: Shop.SmtpMailer, else: Shop.LocalMailer
                config :shop, :mailer, mailer

                if System.get_env("LOGGER_FORMAT", "json") == "json" do
                  config :logger, :default_handler, formatter: {:logger_formatter_json, %{}}
                end

                if System.get_env("OTHER_DESKTOP") do
                  config :shop, Shop.Desktop.Endpoint, server: true
                end

                if System.get_env("MIXED") do
                  config :shop, Shop.Mixed.Endpoint, server: true
                  config :shop, :level, :debug
                end
                config :shop, mixed: if(System.get_env("MIXED"), do: Shop.Mixed.Endpoint, else: nil)
                """), "a module kept as a setting, an adapter nothing configures, a guarded block alone: settings");
    }

    @Test
    void aSwitchWhoseModuleConfigIsSetOutsideItsDecisionIsNoFlavour() {
        assertEquals(List.of(), flavours("""
                import Config
                desktop? = System.get_env("DESKTOP") == "1"
                config :shop, endpoint_module: if(desktop?, do: Shop.Desktop.Endpoint, else: ShopWeb.Endpoint)

                if desktop? do
                  config :shop, Shop.Desktop.Endpoint, server: true
                  config :shop, ShopWeb.Other, server: false
                end
                """), "the guarded block configures a module the decision does not pick");
    }
}
