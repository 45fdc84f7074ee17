from django.urls import path

from cooperation import views
from cooperation.feeds import OpportunityAtomFeed, OpportunityRssFeed

app_name = "cooperation"

urlpatterns = [
    path("cooperation/", views.OpportunityListView.as_view(), name="opportunity-list"),
    path("cooperation/feed/rss/", OpportunityRssFeed(), name="opportunity-rss"),
    path("cooperation/feed/atom/", OpportunityAtomFeed(), name="opportunity-atom"),
    path("cooperation/export.json", views.OpportunityJsonView.as_view(), name="opportunity-export-json"),
    path("cooperation/<int:pk>/", views.OpportunityDetailView.as_view(), name="opportunity-detail"),
    path("cooperation/<int:pk>/interest/", views.InterestCreateView.as_view(), name="interest-create"),
    path("cooperation/<int:pk>/interest/sent/", views.InterestSentView.as_view(), name="interest-sent"),
    path("cooperation/unsubscribe/<str:token>/", views.UnsubscribeView.as_view(), name="unsubscribe"),
    path("account/cooperation/", views.OwnerOpportunityListView.as_view(), name="owner-opportunity-list"),
    path("account/cooperation/new/", views.OwnerOpportunityCreateView.as_view(), name="owner-opportunity-create"),
    path("account/cooperation/matches/", views.OwnerMatchesView.as_view(), name="owner-matches"),
    path("account/cooperation/digest/", views.DigestPreferenceView.as_view(), name="owner-digest"),
    path(
        "account/cooperation/<int:pk>/edit/",
        views.OwnerOpportunityUpdateView.as_view(),
        name="owner-opportunity-edit",
    ),
    *(
        path(
            f"account/cooperation/<int:pk>/{action}/",
            views.OwnerOpportunityActionView.as_view(action=action),
            name=f"owner-opportunity-{action}",
        )
        for action in ("renew", "withdraw", "submit")
    ),
]
