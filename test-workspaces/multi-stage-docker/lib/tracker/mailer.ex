defmodule Tracker.Mailer do
  use Swoosh.Mailer, otp_app: :tracker
end
