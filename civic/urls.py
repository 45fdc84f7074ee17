from django.urls import path

from civic.feeds import NewsAtomFeed, NewsRssFeed
from civic.views import content, enquiries, events

app_name = "civic"

urlpatterns = [
    path("events/", events.EventListView.as_view(), name="event-list"),
    path("events/archive/", events.EventArchiveView.as_view(), name="event-archive"),
    path("events/calendar/", events.EventCalendarView.as_view(), name="event-calendar"),
    path("events/calendar.ics", events.EventIcalFeedView.as_view(), name="event-ical-feed"),
    path("events/<slug:slug>/", events.EventDetailView.as_view(), name="event-detail"),
    path("events/<slug:slug>.ics", events.EventIcalView.as_view(), name="event-ical"),
    path("news/", content.NewsListView.as_view(), name="news-list"),
    path("news/rss/", NewsRssFeed(), name="news-rss"),
    path("news/atom/", NewsAtomFeed(), name="news-atom"),
    path("news/<slug:slug>/", content.NewsDetailView.as_view(), name="news-detail"),
    path("services/", content.ServiceListView.as_view(), name="service-list"),
    path("services/<slug:slug>/", content.ServiceDetailView.as_view(), name="service-detail"),
    path("documents/", content.DocumentListView.as_view(), name="document-list"),
    path("documents/<slug:slug>/", content.DocumentDetailView.as_view(), name="document-detail"),
    path("eu-projects/", content.ProjectListView.as_view(), name="project-list"),
    path("eu-projects/<slug:slug>/", content.ProjectDetailView.as_view(), name="project-detail"),
    path("pages/", content.PageListView.as_view(), name="page-list"),
    path("pages/<slug:slug>/", content.PageDetailView.as_view(), name="page-detail"),
    path("ask/<slug:slug>/", enquiries.EnquiryCreateView.as_view(), name="enquiry-create"),
    path("ask/<slug:slug>/sent/", enquiries.EnquirySentView.as_view(), name="enquiry-sent"),
]
