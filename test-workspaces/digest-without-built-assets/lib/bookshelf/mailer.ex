defmodule Bookshelf.Mailer do
  use Swoosh.Mailer, otp_app: :bookshelf
end
