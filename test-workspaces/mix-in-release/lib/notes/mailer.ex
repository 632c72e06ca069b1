defmodule Notes.Mailer do
  use Swoosh.Mailer, otp_app: :notes
end
