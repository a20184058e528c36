def populate(company, desk, created_company, created_desk):
    """Demo data of this app (see kimitsu.core.demo.extensions)."""
