"""The screen kit every area uses: screen base, forms, tables, Khmer rendering."""
