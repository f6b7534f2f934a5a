"""PSE Desktop: the office program of Pour un Sourire d'Enfant's centres, workshop and shops."""

__version__ = "0.1.0"
