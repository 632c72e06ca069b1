defmodule MyApp.Mailer do
  use Swoosh.Mailer, otp_app: :my_app
end
