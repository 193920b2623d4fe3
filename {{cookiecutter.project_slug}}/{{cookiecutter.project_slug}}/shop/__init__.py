"""The example e-commerce app: catalogue, stock, addresses and orders placed under row locks."""
