defmodule Market.Repo.Migrations.CreateProducts do
  use Ecto.Migration

  def change do
    create table(:products) do
      add :name, :string, null: false
      add :price_cents, :integer, null: false

      timestamps(type: :utc_datetime)
    end
  end
end
