defmodule Ledger.Legacy.ExportClient do
  @moduledoc """
  The old CSV export, kept until every customer has moved to the new one.
  Its GT005 finding (System.get_env!/1 does not exist) is left out by the
  `exclude` of .gotcha.exs: nothing calls this module in production any more.
  """

  def token, do: System.get_env!("EXPORT_TOKEN")
end
