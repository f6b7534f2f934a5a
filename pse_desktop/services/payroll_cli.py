"""placeholder"""
def register(registry):
    pass
