"""HTTP routes: thin; they call the query layer and render its objects."""
