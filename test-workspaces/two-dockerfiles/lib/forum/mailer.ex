defmodule Forum.Mailer do
  use Swoosh.Mailer, otp_app: :forum
end
