defmodule SharedUi.MixProject do
  use Mix.Project

  def project do
    [app: :shared_ui, version: "0.1.0", elixir: "~> 1.17", deps: [{:phoenix_live_view, "~> 1.0"}]]
  end
end
