# Only used when this library is developed on its own: a path dependency's config is never loaded by its parent.
import Config

import_config "#{config_env()}.exs"
