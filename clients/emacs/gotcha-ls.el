;;; gotcha-ls.el --- Gotcha LS through Eglot: deployment gotchas of Elixir/Phoenix projects -*- lexical-binding: t; -*-

;; Author: Gotcha LS authors
;; Version: 0.1.0
;; Package-Requires: ((emacs "28.1") (eglot "1.9") (project "0.8.1"))
;; Keywords: languages, tools, elixir, docker

;; This file is not part of GNU Emacs.

;;; Commentary:

;; Runs the Gotcha LS language server through Eglot in Elixir and
;; Dockerfile buffers.  The server reports the deployment gotchas of
;; Elixir/Phoenix projects (prod debug logging, build-time env reads,
;; hard-coded secrets, releases started with mix, ...) as Flymake
;; diagnostics, with quick fixes (`eglot-code-actions') and hovers.
;;
;; This package only finds the server, starts it and passes it its
;; settings; everything else happens in the server.
;;
;; Setup:
;;
;;   (add-to-list 'load-path "/path/to/gotcha-ls/clients/emacs")
;;   (require 'gotcha-ls)
;;   (add-hook 'elixir-mode-hook #'eglot-ensure)
;;   (add-hook 'dockerfile-mode-hook #'eglot-ensure)
;;
;; Which server runs: `gotcha-ls-command' if set, else Java with
;; `gotcha-ls-jar' if set, else `gotcha-ls' on `exec-path', else the
;; `bin/gotcha-ls' of the checkout this file lives in.
;;
;; One server per major mode: Eglot starts a single server for the
;; buffers of a major mode in a project.  In the modes listed in
;; `gotcha-ls-modes' (by default the Elixir and Dockerfile modes),
;; Gotcha LS replaces any other server (ElixirLS for Elixir,
;; docker-langserver for Dockerfiles), whatever the order of the
;; entries in `eglot-server-programs'.  To keep ElixirLS for Elixir
;; code, leave the Elixir modes out:
;;
;;   (customize-set-variable 'gotcha-ls-modes
;;                           '(dockerfile-mode dockerfile-ts-mode))
;;
;; and run \\[gotcha-ls-start] in an Elixir buffer when you want the
;; gotchas of that project (it replaces that mode's server in that
;; project until you run \\[eglot] again).
;;
;; Settings (see the README's settings section):
;;
;;   (setq gotcha-ls-settings
;;         '(:rules (:GT007 (:enabled :json-false)
;;                   :hardcoded-secret (:severity "warning"
;;                                      :secret_keys ["stripe_key"]))
;;           :exclude ["apps/legacy/**"]))
;;
;; Per project, set `gotcha-ls-settings' in .dir-locals.el, or give
;; `eglot-workspace-configuration' a `:gotcha' section (that section
;; wins).  After a change, \\[eglot-signal-didChangeConfiguration]
;; makes the running server read them again.
;;
;; \[gotcha-ls-show-status] shows what the server sees of the project:
;; the Mix projects, their Dockerfiles and how each image starts,
;; fly.toml, Procfile processes, the Elixir and runtime config of the
;; release, the Java running the server and the settings in force.
;;
;; Project root: Eglot's project is project.el's, usually the version
;; control root; the server finds every Mix project under it.  Outside
;; version control, the root is the nearest folder with a mix.exs, or
;; the umbrella above it (`gotcha-ls-mix-project').

;;; Code:

(require 'cl-lib)
(require 'eglot)
(require 'project)

(defgroup gotcha-ls nil
  "Gotcha LS, a language server for Elixir/Phoenix deployment gotchas."
  :group 'eglot
  :prefix "gotcha-ls-")

(defcustom gotcha-ls-command nil
  "Command line that starts the server on stdio, as a list of strings.
For example (\"/opt/gotcha-ls/bin/gotcha-ls\" \"lsp\").  When nil,
the command is made from `gotcha-ls-jar', else `gotcha-ls' on
`exec-path', else the bin/gotcha-ls of the checkout holding this file."
  :type '(choice (const :tag "Find it" nil)
                 (repeat :tag "Program and arguments" string)))

(defcustom gotcha-ls-jar nil
  "Path of gotcha-ls.jar, run with `gotcha-ls-java'.
Used when `gotcha-ls-command' is nil."
  :type '(choice (const :tag "None" nil) file))

(defcustom gotcha-ls-java "java"
  "Java 17+ program that runs `gotcha-ls-jar'."
  :type 'string)

(defcustom gotcha-ls-java-options '("-XX:+UseSerialGC" "-Xss8m")
  "JVM options given before -jar when running `gotcha-ls-jar'."
  :type '(repeat string))

(defcustom gotcha-ls-settings nil
  "Settings sent to the server, a plist in the shape of its `gotcha' section.
Keys: `:rules', a plist from rule id or slug (`:GT007',
`:hardcoded-secret') to a plist of `:enabled' (t or `:json-false'),
`:severity' (\"error\", \"warning\", \"info\" or \"hint\") and rule
options (lists of strings such as `:secret_keys'); `:exclude', a
list of globs relative to the Mix project root; `:diagnostics',
`(:scope \"openFiles\")' to get findings for visited files only
instead of every file of the project (\\[flymake-show-project-diagnostics]).
Lists of strings may be written as lists or vectors.

Sent as initializationOptions and as the answer to the server's
workspace/configuration requests for the \"gotcha\" section, unless
the project's `eglot-workspace-configuration' has a `:gotcha'
section, which is used instead.  May be set in .dir-locals.el."
  :type '(plist :key-type symbol :value-type sexp)
  :safe #'listp)

(defun gotcha-ls--set-modes (symbol value)
  "Set SYMBOL to VALUE and register the server for the new modes."
  (set-default symbol value)
  (when (fboundp 'gotcha-ls-register)
    (gotcha-ls-register)))

(defcustom gotcha-ls-modes
  '(elixir-mode elixir-ts-mode dockerfile-mode dockerfile-ts-mode)
  "Major modes whose buffers Eglot serves with Gotcha LS.
Eglot runs one server per major mode in a project, so in these
modes Gotcha LS replaces any other server: ElixirLS for Elixir,
docker-langserver for Dockerfiles.  Leave a mode out to keep its
other server (and use `gotcha-ls-start' when you want the gotchas
there).  One Gotcha LS process serves all these modes of a
project.  Set this with `customize-set-variable'
\(or `setopt'), Customize, or before loading this package; after
`setq', call `gotcha-ls-register'."
  :type '(repeat symbol)
  :set #'gotcha-ls--set-modes)

(defconst gotcha-ls--checkout-launcher
  (let ((here (or load-file-name buffer-file-name)))
    (and here
         (expand-file-name "../../bin/gotcha-ls" (file-name-directory here))))
  "bin/gotcha-ls of the checkout this file belongs to, if it is one.")

(defun gotcha-ls--server-command ()
  "The command line that starts the server, or a `user-error' saying how to set it."
  (cond
   (gotcha-ls-command gotcha-ls-command)
   (gotcha-ls-jar
    `(,gotcha-ls-java ,@gotcha-ls-java-options "-jar"
                      ,(expand-file-name gotcha-ls-jar) "lsp"))
   ((executable-find "gotcha-ls") '("gotcha-ls" "lsp"))
   ((and gotcha-ls--checkout-launcher
         (file-executable-p gotcha-ls--checkout-launcher))
    (list gotcha-ls--checkout-launcher "lsp"))
   (t (user-error "Gotcha LS not found: set `gotcha-ls-command' or `gotcha-ls-jar', \
or put gotcha-ls on the PATH"))))

(defclass gotcha-ls-server (eglot-lsp-server) ()
  :documentation "Gotcha LS: a server that takes its settings from `gotcha-ls-settings'.")

(defun gotcha-ls--contact (&optional _interactive)
  "Eglot contact for Gotcha LS: its server class and command line."
  (cons 'gotcha-ls-server (gotcha-ls--server-command)))

(defun gotcha-ls--json (value)
  "VALUE with every list of strings turned into a vector, as JSON arrays must be."
  (cond ((and (consp value) (cl-every #'stringp value)) (vconcat value))
        ((consp value) (mapcar #'gotcha-ls--json value))
        (t value)))

(defun gotcha-ls--section (configuration)
  "The `gotcha' section of an `eglot-workspace-configuration' value CONFIGURATION."
  (if (keywordp (car-safe configuration))
      (plist-get configuration :gotcha)
    (cdr (or (assq :gotcha configuration) (assq 'gotcha configuration)
             (assoc "gotcha" configuration)))))

(defun gotcha-ls--settings (server)
  "The settings of SERVER's project, as seen from its root with its dir-locals."
  (with-temp-buffer
    (setq default-directory (project-root (eglot--project server)))
    (setq-local major-mode (car (eglot--major-modes server)))
    (hack-dir-local-variables-non-file-buffer)
    (let ((configuration (if (functionp eglot-workspace-configuration)
                             (funcall eglot-workspace-configuration server)
                           eglot-workspace-configuration)))
      (or (gotcha-ls--json (or (gotcha-ls--section configuration) gotcha-ls-settings))
          (make-hash-table)))))

(cl-defmethod eglot-initialization-options ((server gotcha-ls-server))
  "Send SERVER the settings of its project."
  (gotcha-ls--settings server))

(cl-defmethod eglot-handle-request
  ((server gotcha-ls-server) (_method (eql 'workspace/configuration)) &key items)
  "Answer SERVER's request for the \"gotcha\" section of ITEMS with its settings."
  (let ((answers (cl-call-next-method)))
    (cl-map 'vector
            (lambda (item answer)
              (if (equal (plist-get item :section) "gotcha")
                  (gotcha-ls--settings server)
                answer))
            items answers)))

(defun gotcha-ls--own-entry-p (entry)
  "Whether ENTRY of `eglot-server-programs' was added by this package."
  (eq (cdr entry) #'gotcha-ls--contact))

(defun gotcha-ls--language-id (mode)
  "The LSP language id for major MODE: \"elixir\" for `elixir-ts-mode'."
  (replace-regexp-in-string "\\(-ts\\)?-mode\\'" "" (symbol-name mode)))

(defun gotcha-ls-register ()
  "Make Eglot start Gotcha LS in the buffers of `gotcha-ls-modes'.
Puts one entry for all of them first in `eglot-server-programs', so
it wins over the other entries for these modes."
  (interactive)
  (setq eglot-server-programs
        (cl-remove-if #'gotcha-ls--own-entry-p eglot-server-programs))
  (when gotcha-ls-modes
    (push (cons (mapcar (lambda (mode)
                          (list mode :language-id (gotcha-ls--language-id mode)))
                        gotcha-ls-modes)
                #'gotcha-ls--contact)
          eglot-server-programs))
  (when (called-interactively-p 'interactive)
    (message "Gotcha LS serves %s" (or gotcha-ls-modes "no mode"))))

(defun gotcha-ls-start ()
  "Start Gotcha LS for the current buffer's major mode in its project.
It replaces the server Eglot runs for that mode there, whatever
`eglot-server-programs' says; \\[eglot] goes back to that one."
  (interactive)
  (unless buffer-file-name
    (user-error "Gotcha LS works on file buffers"))
  ;; Eglot's own guess, made from an entry for this mode alone, gives the
  ;; arguments `eglot' expects in every Eglot version.
  (let ((eglot-server-programs
         `((((,major-mode :language-id ,(gotcha-ls--language-id major-mode)))
            . gotcha-ls--contact))))
    (apply #'eglot (eglot--guess-contact))))

(defconst gotcha-ls-status-buffer "*gotcha-ls status*"
  "The buffer `gotcha-ls-show-status' writes to.")

(defun gotcha-ls--request (server method params)
  "Send SERVER the request METHOD with PARAMS; wait for and return its result.
Unlike `jsonrpc-request', which throws out of the process filter when
the answer arrives, this lets the filter go on: with the jsonrpc of
Emacs 28, messages read together with the answer (diagnostics the
server published just after it) would otherwise wait for the server's
next output."
  (let (outcome)
    (jsonrpc-async-request
     server method params
     :success-fn (lambda (result) (setq outcome (list :result result)))
     :error-fn (lambda (failure) (setq outcome (list :error failure)))
     :timeout-fn (lambda ()
                   (setq outcome '(:error (:message "no answer in time")))))
    (while (not outcome)
      (accept-process-output nil 0.1))
    (when (eq (car outcome) :error)
      (error "Gotcha LS: %s failed: %s"
             method (plist-get (cadr outcome) :message)))
    (cadr outcome)))

(defun gotcha-ls-show-status ()
  "Show what Gotcha LS sees of the current buffer's project.
Asks the server (`gotcha.showStatus') for the Mix projects it found,
their Dockerfiles and how each image starts, fly.toml, Procfile
processes, the CI workflow that builds the release, the Elixir and
runtime config of the release, the Java running it and the settings
in force, and shows its answer in `gotcha-ls-status-buffer'."
  (interactive)
  (let ((server (eglot-current-server)))
    (unless (cl-typep server 'gotcha-ls-server)
      (user-error "No Gotcha LS server manages this buffer"))
    (let* ((answer (gotcha-ls--request server :workspace/executeCommand
                                       '(:command "gotcha.showStatus")))
           (text (plist-get answer :text)))
      (unless (stringp text)
        (error "Gotcha LS answered the status without its text: %S" answer))
      (with-current-buffer (get-buffer-create gotcha-ls-status-buffer)
        (let ((inhibit-read-only t))
          (erase-buffer)
          (insert text))
        (goto-char (point-min))
        (special-mode))
      (display-buffer gotcha-ls-status-buffer)
      text)))

(defun gotcha-ls--mix-root (dir)
  "The Mix project root above DIR: the umbrella when DIR is in one of its apps."
  (when-let* ((nearest (locate-dominating-file dir "mix.exs")))
    (let ((umbrella (file-name-directory
                     (directory-file-name
                      (file-name-directory (directory-file-name nearest))))))
      (if (and umbrella (file-exists-p (expand-file-name "mix.exs" umbrella)))
          umbrella
        nearest))))

(defun gotcha-ls-mix-project (dir)
  "Project for DIR's Mix project, when Eglot looks for one.
It comes after the other `project-find-functions', so it is used only
where no version control root is found; Eglot would otherwise take
the file's own folder for the project."
  (when (bound-and-true-p eglot-lsp-context)
    (when-let* ((root (gotcha-ls--mix-root dir)))
      (cons 'transient (expand-file-name root)))))

(add-hook 'project-find-functions #'gotcha-ls-mix-project 'append)
(gotcha-ls-register)
;; Again once the init file has run: entries it added for these modes
;; after loading this file would otherwise come first.
(add-hook 'after-init-hook #'gotcha-ls-register)

(provide 'gotcha-ls)
;;; gotcha-ls.el ends here
