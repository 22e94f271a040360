from helpers.views.dashboard import dashboard

__all__ = ["dashboard"]
