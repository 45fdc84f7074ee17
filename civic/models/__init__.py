"""The civic app's models, one module per kind of content."""

from civic.models.documents import Document, DocumentLanguage
from civic.models.enquiries import Enquiry, EnquiryReply
from civic.models.events import Event, Occurrence
from civic.models.news import NewsArticle
from civic.models.pages import Page
from civic.models.projects import Partner, Programme, Project
from civic.models.services import LifeSituation, MunicipalService

__all__ = [
    "Document",
    "DocumentLanguage",
    "Enquiry",
    "EnquiryReply",
    "Event",
    "LifeSituation",
    "MunicipalService",
    "NewsArticle",
    "Occurrence",
    "Page",
    "Partner",
    "Programme",
    "Project",
]
