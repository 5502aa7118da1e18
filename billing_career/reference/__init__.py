"""The guide's look-up views: compare, costs, salary, outlook, paths, renewal, FAQ, programs."""
