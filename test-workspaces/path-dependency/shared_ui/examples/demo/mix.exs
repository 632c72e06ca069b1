defmodule Demo.MixProject do
  use Mix.Project

  def project do
    [app: :demo, version: "0.1.0", deps: [{:shared_ui, path: "../.."}]]
  end
end
