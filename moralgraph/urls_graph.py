"""URLs of the moral-graph page, its JSON and its SVG export; included into `moralgraph.urls`."""

from django.urls import path

from . import views_graph

# No app_name: these join moralgraph.urls' "moralgraph" namespace (moralgraph:graph, ...).
urlpatterns = [
    path("d/<slug:slug>/graph/", views_graph.graph_page, name="graph"),
    path("d/<slug:slug>/graph.json", views_graph.graph_data, name="graph_data"),
    path("d/<slug:slug>/graph.svg", views_graph.graph_svg, name="graph_svg"),
]
