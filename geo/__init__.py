"""District boundaries (geopandas): loading, checking and matching to the district reference.

Never imports streamlit. Boundary files come from the deployer, an upload or a pinned download;
nothing under ``../shared/geo`` is ever copied here (its licence forbids redistribution).
"""
