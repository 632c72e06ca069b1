defmodule Ledger.Mailer do
  use Swoosh.Mailer, otp_app: :ledger
end
