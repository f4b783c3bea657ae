"""Reports on whose values win: bridging across groups, population equilibrium, who a graph speaks for."""
