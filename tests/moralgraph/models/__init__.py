"""The data model's rules, held by the database itself."""
