defmodule Shop.Mailer do
  use Swoosh.Mailer, otp_app: :shop
end
