defmodule Bookshelf.Application do
  # See https://hexdocs.pm/elixir/Application.html
  # for more information on OTP Applications
  @moduledoc false

  use Application

  @impl true
  def start(_type, _args) do
    children = [
      BookshelfWeb.Telemetry,
      Bookshelf.Repo,
      {DNSCluster, query: Application.get_env(:bookshelf, :dns_cluster_query) || :ignore},
      {Phoenix.PubSub, name: Bookshelf.PubSub},
      # Start a worker by calling: Bookshelf.Worker.start_link(arg)
      # {Bookshelf.Worker, arg},
      # Start to serve requests, typically the last entry
      BookshelfWeb.Endpoint
    ]

    # See https://hexdocs.pm/elixir/Supervisor.html
    # for other strategies and supported options
    opts = [strategy: :one_for_one, name: Bookshelf.Supervisor]
    Supervisor.start_link(children, opts)
  end

  # Tell Phoenix to update the endpoint configuration
  # whenever the application is updated.
  @impl true
  def config_change(changed, _new, removed) do
    BookshelfWeb.Endpoint.config_change(changed, removed)
    :ok
  end
end
