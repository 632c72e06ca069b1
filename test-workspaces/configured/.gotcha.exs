# Gotcha LS settings for the Ledger release.
[
  rules: [
    # Debug logging stays on in prod.exs while the invoice export is investigated.
    {"GT007", enabled: false},
    # The load balancer's /healthz is shallow on purpose for now.
    {"shallow-health-check", severity: :info},
    # Our own key names for secrets.
    {"hardcoded-secret", secret_keys: ~w(stripe_key)},
    # A typo: this rule does not exist, so GT100 reports it and the entry is ignored.
    {"endpoint-not-serverd", enabled: false}
  ],
  exclude: ["lib/ledger/legacy/**"]
]
