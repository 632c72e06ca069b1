defmodule MyAppWeb.HealthController do
  use MyAppWeb, :controller

  alias MyApp.Repo

  def live(conn, _params) do
    text(conn, "ok")
  end

  def ready(conn, _params) do
    case check_database() do
      :ok ->
        text(conn, "ok")

      {:error, reason} ->
        conn
        |> put_status(:service_unavailable)
        |> text("database unavailable: #{reason}")
    end
  end

  defp check_database do
    Repo.query!("SELECT 1")
    :ok
  rescue
    error -> {:error, Exception.message(error)}
  end
end
