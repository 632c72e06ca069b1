defmodule Kiosk.MixProject do
  use Mix.Project

  def project do
    [app: :kiosk, version: "0.1.0", elixir: "~> 1.15", start_permanent: Mix.env() == :prod, deps: deps()]
  end

  def application do
    [mod: {Kiosk.Application, []}, extra_applications: [:logger, :runtime_tools]]
  end

  defp deps do
    [
      {:phoenix, "~> 1.7.14"},
      {:jason, "~> 1.4"},
      {:bandit, "~> 1.5"}
    ]
  end
end
