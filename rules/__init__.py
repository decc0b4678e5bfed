"""Rule-pack data shipped with reportlint (TOML), read through reportlint.packs."""
