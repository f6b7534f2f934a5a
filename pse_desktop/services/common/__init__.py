"""What every area's services share: errors, validation, tables (CSV/XLSX), the create-or-edit
step and the demo runner. Nothing here belongs to one area."""
