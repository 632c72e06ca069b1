defmodule Payments.Application do
  # See https://hexdocs.pm/elixir/Application.html
  # for more information on OTP Applications
  @moduledoc false

  use Application

  @impl true
  def start(_type, _args) do
    children = [
      PaymentsWeb.Telemetry,
      Payments.Repo,
      {DNSCluster, query: Application.get_env(:payments, :dns_cluster_query) || :ignore},
      {Phoenix.PubSub, name: Payments.PubSub},
      # Start the Finch HTTP client for sending emails
      {Finch, name: Payments.Finch},
      # Start a worker by calling: Payments.Worker.start_link(arg)
      # {Payments.Worker, arg},
      # Start to serve requests, typically the last entry
      PaymentsWeb.Endpoint
    ]

    # See https://hexdocs.pm/elixir/Supervisor.html
    # for other strategies and supported options
    opts = [strategy: :one_for_one, name: Payments.Supervisor]
    Supervisor.start_link(children, opts)
  end

  # Tell Phoenix to update the endpoint configuration
  # whenever the application is updated.
  @impl true
  def config_change(changed, _new, removed) do
    PaymentsWeb.Endpoint.config_change(changed, removed)
    :ok
  end
end
