"""placeholder"""
def add_demo(actor, progress, today):
    return ""
