;;; gotcha-ls-test.el --- Drives gotcha-ls.el and the real server in batch Emacs -*- lexical-binding: t; -*-

;;; Commentary:

;; Run by clients/emacs/test/run, which copies a sample workspace to a
;; temporary folder and sets GOTCHA_TEST_WORKSPACE and GOTCHA_TEST_JAR.
;; It acts as a user: opens config/prod.exs and the Dockerfile with
;; `eglot-ensure' in their mode hooks, reads the Flymake diagnostics,
;; applies a quick fix through `eglot-code-actions' and saves.  Batch
;; Emacs runs no idle timers and no command loop, so the test runs
;; `post-command-hook' (where `eglot-ensure' connects) and
;; `flymake-start' itself.  Exits 1 on the first failed check.

;;; Code:

(require 'cl-lib)
(require 'gotcha-ls)

(defvar gotcha-ls-test-timeout 60 "Seconds to wait for the server.")
(defvar gotcha-ls-test-failures 0)
(defvar eglot-lsp-context)              ; dynamic, as Eglot binds it

;; Emacs 28 has neither an Elixir nor a Dockerfile mode; stand-ins with
;; the names of the usual packages' modes.
(unless (fboundp 'elixir-mode)
  (define-derived-mode elixir-mode prog-mode "Elixir"))
(unless (fboundp 'dockerfile-mode)
  (define-derived-mode dockerfile-mode prog-mode "Dockerfile"))
(add-to-list 'auto-mode-alist '("\\.exs?\\'" . elixir-mode))
(add-to-list 'auto-mode-alist '("/Dockerfile\\'" . dockerfile-mode))
(add-hook 'elixir-mode-hook #'eglot-ensure)
(add-hook 'dockerfile-mode-hook #'eglot-ensure)

(defun gotcha-ls-test-check (what ok &optional detail)
  "Print WHAT as passed when OK, else as failed with DETAIL."
  (if ok
      (message "ok    %s" what)
    (setq gotcha-ls-test-failures (1+ gotcha-ls-test-failures))
    (message "FAIL  %s\n      got: %S" what detail)))

(defun gotcha-ls-test-wait (what predicate)
  "Run the event loop and Flymake until PREDICATE holds; fail WHAT after the timeout."
  (let ((deadline (+ (float-time) gotcha-ls-test-timeout)) result)
    (while (and (not (setq result (funcall predicate)))
                (< (float-time) deadline))
      (accept-process-output nil 0.1)
      (when (bound-and-true-p flymake-mode) (flymake-start)))
    (unless result
      (gotcha-ls-test-check (format "%s within %ss" what gotcha-ls-test-timeout) nil))
    result))

(defun gotcha-ls-test-diagnostics ()
  "The buffer's Flymake diagnostics as (LINE COLUMN TEXT), sorted."
  (sort (mapcar (lambda (d)
                  (save-excursion
                    (goto-char (flymake-diagnostic-beg d))
                    (list (line-number-at-pos) (1+ (current-column))
                          (flymake-diagnostic-text d))))
                (flymake-diagnostics))
        (lambda (a b) (< (car a) (car b)))))

(defun gotcha-ls-test-open (relative)
  "Visit RELATIVE in the workspace as a user would and wait for its server."
  (let ((buffer (find-file-noselect
                 (expand-file-name relative (getenv "GOTCHA_TEST_WORKSPACE")))))
    (set-buffer buffer)
    ;; `eglot-ensure' connects from `post-command-hook'; no command loop here.
    (run-hooks 'post-command-hook)
    (gotcha-ls-test-wait (format "Eglot manages %s" relative)
                         (lambda () (and (bound-and-true-p eglot--managed-mode)
                                         (eglot-current-server))))))

(defun gotcha-ls-test-json (value)
  "VALUE as a JSON string, as Eglot would send it."
  (json-serialize value :false-object :json-false :null-object nil))

(defun gotcha-ls-test-status ()
  "`gotcha-ls-show-status' shows the server's status of the project."
  (gotcha-ls-show-status)
  (let ((text (with-current-buffer gotcha-ls-status-buffer (buffer-string))))
    (gotcha-ls-test-check "gotcha-ls-show-status shows the project, its deploy path and the settings in force"
                          (and (string-prefix-p "Gotcha LS " text)
                               (string-match-p "^Project " text)
                               (string-match-p "^  Dockerfile (production" text)
                               (string-match-p "^    GT006: off$" text))
                          text)
    (gotcha-ls-test-check "the status buffer is read-only"
                          (with-current-buffer gotcha-ls-status-buffer buffer-read-only))))

(defun gotcha-ls-test-status-then-diagnostics ()
  "Diagnostics that arrive with the status answer are handled with it.
A stand-in server answers `gotcha.showStatus' and publishes diagnostics
in the same write, then stays silent: they must not wait for its next
output (the real server publishes this way when an analysis ends just
after the answer)."
  (let* ((frame (lambda (json)
                  (format "Content-Length: %d\r\n\r\n%s" (string-bytes json) json)))
         (output (concat (funcall frame "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"text\":\"Gotcha LS\"}}")
                         (funcall frame (concat "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/publishDiagnostics\","
                                                "\"params\":{\"uri\":\"file:///stand-in/mix.exs\",\"diagnostics\":[]}}"))))
         (name "gotcha-ls stand-in")
         (handled nil)
         (server (make-instance
                  'gotcha-ls-server :name name
                  :process (lambda ()
                             ;; Reads the request's header, answers, and keeps the pipe open.
                             (make-process :name name :noquery t :connection-type 'pipe
                                           :coding 'utf-8-emacs-unix
                                           :stderr (get-buffer-create (format "*%s stderr*" name))
                                           :command (list "sh" "-c" "read -r h; read -r b; printf '%s' \"$1\"; exec sleep 30"
                                                          "sh" output)))
                  :notification-dispatcher (lambda (_server method _params) (push method handled)))))
    (unwind-protect
        (with-temp-buffer
          ;; This buffer's server, and only this buffer's: the real one goes on publishing meanwhile.
          (setq eglot--cached-server server)
          (gotcha-ls-show-status)
          (gotcha-ls-test-check "diagnostics published with the status answer are handled with it"
                                (memq 'textDocument/publishDiagnostics handled) handled))
      (delete-process (jsonrpc--process server)))))

(defun gotcha-ls-test-settings ()
  "Settings reach the server as initializationOptions and workspace/configuration."
  (let* ((server (eglot-current-server))
         (expected "{\"rules\":{\"GT005\":{\"severity\":\"warning\",\"secret_keys\":[\"stripe_key\"]},\"GT006\":{\"enabled\":false}},\"exclude\":[\"apps/legacy/**\"]}")
         (answer (lambda ()
                   (eglot-handle-request server 'workspace/configuration
                                         :items (vector '(:section "gotcha")
                                                        '(:section "other"))))))
    (gotcha-ls-test-check "initializationOptions are `gotcha-ls-settings'"
                          (equal (gotcha-ls-test-json (eglot-initialization-options server))
                                 expected)
                          (gotcha-ls-test-json (eglot-initialization-options server)))
    (let ((reply (funcall answer)))
      (gotcha-ls-test-check "workspace/configuration answers the gotcha section, and only it"
                            (and (equal (gotcha-ls-test-json (aref reply 0)) expected)
                                 (null (aref reply 1)))
                            reply))
    ;; A project's own `eglot-workspace-configuration' section wins.
    (with-temp-file (expand-file-name ".dir-locals.el" (getenv "GOTCHA_TEST_WORKSPACE"))
      (prin1 '((nil . ((eglot-workspace-configuration
                        . (:gotcha (:exclude ["deps/**"])))))) (current-buffer)))
    (let ((safe-local-variable-values '((eglot-workspace-configuration
                                        . (:gotcha (:exclude ["deps/**"])))))
          (enable-local-variables :safe))
      (gotcha-ls-test-check "a project's :gotcha section in .dir-locals.el wins"
                            (equal (gotcha-ls-test-json (aref (funcall answer) 0))
                                   "{\"exclude\":[\"deps/**\"]}")
                            (funcall answer)))
    (delete-file (expand-file-name ".dir-locals.el" (getenv "GOTCHA_TEST_WORKSPACE")))))

(defun gotcha-ls-test-start-command (shared-server)
  "With Elixir given back to Eglot's default, `gotcha-ls-start' still runs Gotcha LS there.
SHARED-SERVER is the server that managed the Elixir and Dockerfile buffers so far."
  (customize-set-variable 'gotcha-ls-modes '(dockerfile-mode dockerfile-ts-mode))
  (let ((elixir-entry (cl-find-if (lambda (entry) (memq 'elixir-mode (ensure-list (car entry))))
                                  eglot-server-programs)))
    (gotcha-ls-test-check "without elixir-mode in gotcha-ls-modes, Eglot's own Elixir entry applies"
                          (not (functionp (cdr elixir-entry))) elixir-entry))
  (gotcha-ls-start)
  (when (gotcha-ls-test-wait "gotcha-ls-start connects"
                             (lambda () (and (eglot-current-server)
                                             (not (eq (eglot-current-server) shared-server)))))
    (let ((server (eglot-current-server)))
      (gotcha-ls-test-check "gotcha-ls-start runs Gotcha LS for elixir-mode alone, at the Mix root"
                            (and (cl-typep server 'gotcha-ls-server)
                                 (equal (eglot--major-modes server) '(elixir-mode))
                                 (equal (project-root (eglot--project server))
                                        (file-name-as-directory (getenv "GOTCHA_TEST_WORKSPACE"))))
                            (list (eglot--major-modes server) (eglot--project server)))
      (eglot-shutdown server))))

(defun gotcha-ls-test-workspace-findings ()
  "The findings of files never visited reach Flymake's project diagnostics.
Opens mix.exs of a copy of naive-all-gotchas, whose Dockerfile and
router have findings, and reads what Eglot keeps for unvisited files."
  (let* ((root (file-name-as-directory (getenv "GOTCHA_TEST_ALL")))
         (dockerfile (expand-file-name "Dockerfile" root))
         (router (expand-file-name "lib/market_web/router.ex" root))
         (gotcha-ls-settings nil)       ; the other checks turn GT006 off
         (listed (lambda (path)
                   (mapcar #'flymake-diagnostic-text
                           (cdr (assoc path flymake-list-only-diagnostics #'string=)))))
         (rules (lambda (texts)
                  (sort (mapcar (lambda (text)
                                  (and (string-match "\\[\\(GT[0-9]+\\)\\]" text) (match-string 1 text)))
                                texts)
                        #'string<))))
    (set-buffer (find-file-noselect (expand-file-name "mix.exs" root)))
    (run-hooks 'post-command-hook)
    (when (gotcha-ls-test-wait "Eglot manages mix.exs of naive-all-gotchas"
                               (lambda () (and (bound-and-true-p eglot--managed-mode)
                                               (eglot-current-server))))
      (let ((server (eglot-current-server)))
        (gotcha-ls-test-wait "findings of the Dockerfile and the router, never visited"
                             (lambda () (and (funcall listed dockerfile) (funcall listed router))))
        (message "      %S" (funcall listed dockerfile))
        (gotcha-ls-test-check "the unvisited Dockerfile: GT002, GT003, GT004, each once"
                              (equal (funcall rules (funcall listed dockerfile)) '("GT002" "GT003" "GT004"))
                              (funcall listed dockerfile))
        (gotcha-ls-test-check "the unvisited router: GT006 on the health route"
                              (equal (funcall rules (funcall listed router)) '("GT006"))
                              (funcall listed router))
        (gotcha-ls-test-check "neither file was visited"
                              (not (or (find-buffer-visiting dockerfile) (find-buffer-visiting router))))
        (eglot-shutdown server)))))

(defun gotcha-ls-test-run ()
  "Run every check and exit with 1 when one failed."
  (setq gotcha-ls-jar (getenv "GOTCHA_TEST_JAR")
        gotcha-ls-settings '(:rules (:GT005 (:severity "warning" :secret_keys ("stripe_key"))
                                     :GT006 (:enabled :json-false))
                             :exclude ("apps/legacy/**"))
        eglot-sync-connect t)
  (let ((start (float-time))
        (workspace (file-name-as-directory (getenv "GOTCHA_TEST_WORKSPACE")))
        server)
    (when (gotcha-ls-test-open "config/prod.exs")
      (setq server (eglot-current-server))
      (gotcha-ls-test-check "the server is Gotcha LS" (cl-typep server 'gotcha-ls-server) server)
      (gotcha-ls-test-check "the project root is the Mix project (no VCS here)"
                            (equal (project-root (eglot--project server)) workspace)
                            (project-root (eglot--project server)))
      (gotcha-ls-test-settings)
      (gotcha-ls-test-status)
      (gotcha-ls-test-status-then-diagnostics)
      (let* ((umbrella (file-name-as-directory (getenv "GOTCHA_TEST_UMBRELLA")))
             (eglot-lsp-context t)
             (found (gotcha-ls-mix-project (expand-file-name "apps/core/lib/core/" umbrella))))
        (gotcha-ls-test-check "an umbrella app's file belongs to the umbrella's project"
                              (equal found (cons 'transient umbrella)) found))
      (when (gotcha-ls-test-wait "diagnostics in config/prod.exs" #'flymake-diagnostics)
        (let ((diagnostics (gotcha-ls-test-diagnostics)))
          (message "      %S" diagnostics)
          (gotcha-ls-test-check
           "config/prod.exs: GT007 on line 19, column 24, with its message"
           (and (= (length diagnostics) 1)
                (equal (butlast (car diagnostics)) '(19 24))
                (string-prefix-p "gotcha [GT007]: Logger level :debug in config/prod.exs applies to production"
                                 (nth 2 (car diagnostics))))
           diagnostics))
        (message "      first diagnostics %.1f s after opening" (- (float-time) start))
        ;; The quick fix, chosen by title as a user would in the menu.
        (goto-char (flymake-diagnostic-beg (car (flymake-diagnostics))))
        (let ((titles (mapcar (lambda (action) (plist-get action :title))
                              (eglot-code-actions (point) (1+ (point)) "quickfix"))))
          (gotcha-ls-test-check "the quick fix is offered at the diagnostic"
                                (member "Change :debug to :info" titles) titles))
        ;; Apply it as the command does, picking it by title if there is a menu.
        (cl-letf (((symbol-function 'completing-read)
                   (lambda (&rest _) "Change :debug to :info"))
                  (last-nonmenu-event ?\r))
          (eglot-code-actions (point) (1+ (point)) "quickfix" t))
        (gotcha-ls-test-check "the quick fix rewrote line 19"
                              (equal (save-excursion (goto-char (point-min)) (forward-line 18)
                                                     (thing-at-point 'line t))
                                     "config :logger, level: :info\n")
                              (save-excursion (goto-char (point-min)) (forward-line 18)
                                              (thing-at-point 'line t)))
        (save-buffer)                   ; sends the pending didChange, then didSave
        (gotcha-ls-test-wait "GT007 gone after the fix"
                             (lambda () (null (flymake-diagnostics))))
        (gotcha-ls-test-check "no diagnostics left in config/prod.exs"
                              (null (flymake-diagnostics)) (gotcha-ls-test-diagnostics))))
    (when (gotcha-ls-test-open "Dockerfile")
      (gotcha-ls-test-check "the Dockerfile shares the Elixir buffers' server"
                            (eq (eglot-current-server) server) (eglot-current-server))
      ;; This Dockerfile is clean; deleting its asset build is a gotcha.
      (goto-char (point-min))
      (re-search-forward "^RUN mix assets.deploy\n")
      (replace-match "")
      (save-buffer)
      (when (gotcha-ls-test-wait "a diagnostic in the edited Dockerfile" #'flymake-diagnostics)
        (let ((diagnostics (gotcha-ls-test-diagnostics)))
          (message "      %S" diagnostics)
          (gotcha-ls-test-check
           "Dockerfile: GT004 on `RUN mix release' (line 63, column 5), assets not built"
           (and (= (length diagnostics) 1)
                (equal (butlast (car diagnostics)) '(63 5))
                (string-prefix-p "gotcha [GT004]: Stage `builder` runs `mix release` with no `mix assets.deploy`"
                                 (nth 2 (car diagnostics))))
           diagnostics))))
    (gotcha-ls-test-workspace-findings)
    (when server
      (set-buffer (get-file-buffer (expand-file-name "config/prod.exs" workspace)))
      (gotcha-ls-test-start-command server))
    (when (and server (> gotcha-ls-test-failures 0) (jsonrpc-running-p server))
      (message "--- Eglot events and server stderr ---\n%s\n%s"
               (with-current-buffer (jsonrpc-events-buffer server) (buffer-string))
               (with-current-buffer (jsonrpc-stderr-buffer server) (buffer-string))))
    (message "%s: %d failed, %.1f s" (if (zerop gotcha-ls-test-failures) "PASS" "FAIL")
             gotcha-ls-test-failures (- (float-time) start))
    (kill-emacs (if (zerop gotcha-ls-test-failures) 0 1))))

;;; gotcha-ls-test.el ends here
