defmodule Notes.MixProject do
  use Mix.Project

  def project do
    [app: :notes, version: "0.1.0", elixir: "~> 1.15", deps: [{:phoenix, "~> 1.7"}]]
  end

  def application do
    [mod: {Notes.Application, []}, extra_applications: [:logger]]
  end
end
