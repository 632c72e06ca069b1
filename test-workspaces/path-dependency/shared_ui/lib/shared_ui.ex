defmodule SharedUi do
  def version, do: "0.1.0"
end
