ACCESS: dict = {}
