"""Writes that span several models or talk to the outside world (mail)."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from civic.models import Document, Enquiry, EnquiryReply, NewsArticle, Page
from civic.richtext import sanitise_html
from civic.validators import document_format
from core.models import InformationCentre
from notifications.services import email_send
from search.services import index_update

ENQUIRY_LIMIT = 5  # enquiries per client address…
ENQUIRY_LIMIT_WINDOW = 60 * 60  # …per hour


def _sanitise_translations(instance, field: str) -> None:
    for language in settings.MODELTRANSLATION_LANGUAGES:
        name = f"{field}_{language}"
        value = getattr(instance, name, None)
        if value:
            setattr(instance, name, sanitise_html(value))


@transaction.atomic
def news_article_save(*, article: NewsArticle) -> NewsArticle:
    """Validate and save an article, its body sanitised in every language."""
    _sanitise_translations(article, "body")
    article.full_clean()
    article.save()
    index_update(article)
    return article


@transaction.atomic
def page_save(*, page: Page) -> Page:
    _sanitise_translations(page, "body")
    page.full_clean()
    page.save()
    index_update(page)
    return page


@transaction.atomic
def document_save(*, document: Document) -> Document:
    """Validate the file by its content, record its format and size, save."""
    document.file_format = document_format(document.file)
    document.file_size = document.file.size
    document.full_clean()
    document.save()
    index_update(document)
    return document


def _next_reference(centre: InformationCentre) -> str:
    """``KOP-2026-000123``: the municipality, the year, and the centre's count for that year."""
    prefix = f"{centre.municipality.slug[:3].upper()}-{timezone.localdate().year}-"
    count = Enquiry.objects.filter(reference__startswith=prefix).count()
    return f"{prefix}{count + 1:06d}"


@transaction.atomic
def enquiry_submit(
    *, centre: InformationCentre, name: str, email: str, subject: str, message: str, language: str
) -> Enquiry:
    """Record an enquiry to ``centre``, send the enquirer a copy with its reference, tell the centre."""
    # Locking the centre's row serialises reference numbers per centre.
    centre = InformationCentre.objects.select_for_update(of=("self",)).select_related("municipality").get(pk=centre.pk)
    enquiry = Enquiry(
        centre=centre,
        reference=_next_reference(centre),
        name=name,
        email=email,
        subject=subject,
        message=message,
        language=language,
    )
    enquiry.full_clean()
    enquiry.save()
    _mail_enquirer(enquiry, "enquiry_copy", {"enquiry": enquiry})
    if centre.email:
        email_send(
            to=[centre.email],
            template="civic/email/enquiry_notification",
            context={"enquiry": enquiry},
            language=centre.municipality.language,  # a centre reads its mail in its own language
        )
    return enquiry


@transaction.atomic
def enquiry_reply(*, enquiry: Enquiry, body: str, by) -> EnquiryReply:
    """Email the centre's answer to the enquirer and record it; the enquiry becomes answered."""
    reply = EnquiryReply(enquiry=enquiry, body=body, sent_by=by)
    reply.full_clean()
    reply.save()
    enquiry.status = Enquiry.Status.ANSWERED
    enquiry.save(update_fields=["status"])
    _mail_enquirer(enquiry, "enquiry_reply", {"enquiry": enquiry, "reply": reply})
    return reply


def _mail_enquirer(enquiry: Enquiry, template: str, context: dict) -> None:
    """A mail to the enquirer in the language they wrote in, after commit; answers to it reach the centre.

    What the enquirer typed is quoted as typed (``|typed`` in the templates),
    Serbian Latin included.
    """
    email_send(
        to=[enquiry.email],
        reply_to=[enquiry.centre.email] if enquiry.centre.email else None,
        template=f"civic/email/{template}",
        context=context,
        language=enquiry.language,
    )
