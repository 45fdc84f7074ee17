"""The cooperation board (public) and the owners' pages under "My company"."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import get_language, gettext
from django.views.generic import DetailView, FormView, TemplateView, View

from cooperation import exports, services
from cooperation.filters import OpportunityFilterSet
from cooperation.forms import DigestPreferenceForm, InterestForm, OpportunityForm
from cooperation.matching import suggestions_for
from cooperation.models import CooperationPreference, Interest, Opportunity, Status
from core.abuse import client_address, rate_limit_hit, remember_submission, submission_done_url
from core.opendata import LICENCE, licensed
from core.views import FilteredListView, refused_for_rate, site_root

ACTIVE_DIRECTION = "business"


class BoardMixin:
    """The public items filtered by the query string: the list, its feeds and its download share it."""

    def get_filterset(self, queryset=None) -> OpportunityFilterSet:
        if queryset is None:
            queryset = Opportunity.objects.public().for_listing()
        return OpportunityFilterSet(self.request.GET, queryset=queryset, request=self.request)

    def filter_query(self) -> str:
        """The filters of this view without its page: feeds and downloads hold every matching item."""
        query = self.request.GET.copy()
        query.pop("page", None)
        return query.urlencode()


class OpportunityListView(BoardMixin, FilteredListView):
    context_object_name = "opportunities"
    template_name = "cooperation/opportunity_list.html"
    paginate_by = 20

    def get_base_queryset(self):
        return Opportunity.objects.public().for_listing()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(active_direction=ACTIVE_DIRECTION, **kwargs)
        # Feeds and the download hold every matching item: the filters without the page.
        query = f"?{context['filter_query']}" if context["filter_query"] else ""
        context["result_links"] = [
            (label, reverse(f"cooperation:opportunity-{name}") + query, False)
            for label, name in (("RSS", "rss"), ("Atom", "atom"), ("JSON", "export-json"))
        ]
        return context


class OwnedCompaniesMixin:
    """The published companies of the logged-in user (none for visitors), read once per request."""

    def owned_published_companies(self):
        if not hasattr(self, "_companies"):
            user = self.request.user
            self._companies = services.interested_companies(user) if user.is_authenticated else []
        return self._companies


class OpportunityDetailView(OwnedCompaniesMixin, DetailView):
    """An item of the board: expired, withdrawn or unapproved items are not found (404)."""

    context_object_name = "opportunity"
    template_name = "cooperation/opportunity_detail.html"

    def get_queryset(self):
        return Opportunity.objects.public().for_listing()

    def get_context_data(self, **kwargs):
        opportunity = self.object
        companies = self.owned_published_companies()
        own = any(company.pk == opportunity.organisation_id for company in companies)
        others = [company for company in companies if company.pk != opportunity.organisation_id]
        sent = []
        if others:
            sent = list(Interest.objects.filter(opportunity=opportunity, organisation__in=others).order_by("pk"))
        answered = {interest.organisation_id for interest in sent}
        can_answer = [company for company in others if company.pk not in answered]
        return super().get_context_data(
            own=own,
            interest_sent=sent,
            interest_form=InterestForm(companies=can_answer) if can_answer else None,
            active_direction=ACTIVE_DIRECTION,
            **kwargs,
        )


class InterestCreateView(LoginRequiredMixin, OwnedCompaniesMixin, FormView):
    """Express interest: a registered company writes to the poster; rate-limited per account and per address."""

    form_class = InterestForm
    template_name = "cooperation/interest_form.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.opportunity = get_object_or_404(Opportunity.objects.public().for_listing(), pk=kwargs["pk"])
        answered = Interest.objects.filter(opportunity=self.opportunity, organisation__owner__user=request.user)
        answered_ids = set(answered.values_list("organisation_id", flat=True))
        self.companies = [
            company
            for company in self.owned_published_companies()
            if company.pk != self.opportunity.organisation_id and company.pk not in answered_ids
        ]
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "companies": self.companies}

    def get(self, request, *args, **kwargs):
        if not self.companies:
            return self.render_to_response(self.get_context_data(form=None))
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if not self.companies:
            # Nothing left to send, perhaps because this very form was stored a moment ago.
            if done := submission_done_url(request.POST):
                return redirect(done)
            return self.render_to_response(self.get_context_data(form=None), status=403)
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(opportunity=self.opportunity, active_direction=ACTIVE_DIRECTION, **kwargs)

    def form_valid(self, form):
        if form.done_url:  # a retry of an interest that was stored: the same success page
            return redirect(form.done_url)
        if form.is_spam:
            return redirect(self.get_success_url())
        limit, window = settings.COOPERATION_INTEREST_RATE_LIMIT, settings.COOPERATION_RATE_WINDOW
        # Counted per account and per address: neither a new account nor a new address escapes the limit.
        by_user = rate_limit_hit(
            scope="cooperation:interest:user", client=str(self.request.user.pk), limit=limit, window=window
        )
        by_address = rate_limit_hit(
            scope="cooperation:interest", client=client_address(self.request), limit=limit, window=window
        )
        if by_user or by_address:
            return refused_for_rate(
                self, form, gettext("You have sent several messages in a short time. Please try again later.")
            )
        try:
            services.interest_express(
                opportunity=self.opportunity,
                organisation=form.company,
                by=self.request.user,
                message=form.cleaned_data["message"],
                site_root=site_root(self.request),
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        remember_submission(form.submission_key, self.get_success_url())
        return redirect(self.get_success_url())

    def get_success_url(self):
        return reverse("cooperation:interest-sent", kwargs={"pk": self.opportunity.pk})


class InterestSentView(TemplateView):
    template_name = "cooperation/interest_sent.html"

    def get_context_data(self, **kwargs):
        opportunity = get_object_or_404(Opportunity.objects.public().for_listing(), pk=kwargs["pk"])
        return super().get_context_data(opportunity=opportunity, active_direction=ACTIVE_DIRECTION, **kwargs)


class OpportunityJsonView(BoardMixin, View):
    """The filtered board as JSON: ``{"licence": {...}, "count": n, "results": [...]}`` (no contact details)."""

    def get(self, request, *args, **kwargs):
        filterset = self.get_filterset()
        results = [exports.json_record(item, request=request) for item in filterset.qs.iterator(chunk_size=2000)]
        body = {"licence": LICENCE, "count": len(results), "results": results}
        response = JsonResponse(body, json_dumps_params={"ensure_ascii": False})
        response["Content-Disposition"] = f'inline; filename="most-cooperation-{get_language()}.json"'
        return licensed(response)


# --- Owners ---------------------------------------------------------------------------------------


class OwnerOpportunityMixin(LoginRequiredMixin, OwnedCompaniesMixin):
    """An owner's own item, looked up among the companies they own (any status); 404 for anybody else's."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if "pk" in kwargs:
            self.opportunity = get_object_or_404(
                Opportunity.objects.of_user(request.user).select_related("organisation__municipality"),
                pk=kwargs["pk"],
            )
        return super().dispatch(request, *args, **kwargs)


class OwnerOpportunityListView(OwnerOpportunityMixin, TemplateView):
    """The owner's items with their status, the interest they received and sent, and the digest setting."""

    template_name = "cooperation/owner_opportunity_list.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        interests = Interest.objects.select_related("organisation__municipality")
        items = list(
            Opportunity.objects.of_user(user)
            .select_related("organisation")
            .prefetch_related(Prefetch("interests", queryset=interests, to_attr="interest_list"))
            .order_by("-created_at", "-pk")
        )
        sent = list(
            Interest.objects.filter(organisation__owner__user=user)
            .select_related("opportunity__organisation", "organisation")
            .order_by("-created_at")[:50]
        )
        # Read, never created, on a GET: an owner who never chose gets the digest.
        preference = CooperationPreference.objects.filter(user=user).first()
        digest = preference.match_digest if preference else CooperationPreference.match_digest.field.default
        return super().get_context_data(
            opportunities=items,
            interest_sent=sent,
            companies=self.owned_published_companies(),
            digest_form=DigestPreferenceForm(initial={"match_digest": digest}),
            **kwargs,
        )


class OwnerOpportunityFormMixin(OwnerOpportunityMixin):
    form_class = OpportunityForm
    template_name = "cooperation/opportunity_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "companies": self.owned_published_companies()}

    def submit_requested(self) -> bool:
        return "save_draft" not in self.request.POST


class OwnerOpportunityCreateView(OwnerOpportunityFormMixin, FormView):
    def get(self, request, *args, **kwargs):
        if not self.owned_published_companies():
            return self.render_to_response({"no_company": True})
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if not self.owned_published_companies():
            return self.render_to_response({"no_company": True}, status=403)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        if form.done_url:  # a retry of an item that was stored: where the first answer led
            return redirect(form.done_url)
        if rate_limit_hit(
            scope="cooperation:post",
            client=str(self.request.user.pk),
            limit=settings.COOPERATION_POST_RATE_LIMIT,
            window=settings.COOPERATION_RATE_WINDOW,
        ):
            return refused_for_rate(
                self, form, gettext("You have posted several items in a short time. Try again later.")
            )
        try:
            services.opportunity_create(opportunity=form.instance, by=self.request.user, submit=self.submit_requested())
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        if self.submit_requested():
            messages.success(
                self.request, gettext("Sent to the moderators. It appears on the board once they approve it.")
            )
        else:
            messages.success(self.request, gettext("Saved as a draft. Nobody else sees it until you send it."))
        remember_submission(form.submission_key, reverse("cooperation:owner-opportunity-list"))
        return redirect("cooperation:owner-opportunity-list")


class OwnerOpportunityUpdateView(OwnerOpportunityFormMixin, FormView):
    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.opportunity.status == Status.WITHDRAWN:
            raise Http404
        kwargs["instance"] = services.with_proposed(self.opportunity)
        return kwargs

    def get_context_data(self, **kwargs):
        return super().get_context_data(opportunity=self.opportunity, **kwargs)

    def form_valid(self, form):
        try:
            result = services.opportunity_update(
                opportunity=self.opportunity, edited=form.instance, by=self.request.user, submit=self.submit_requested()
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        if result is None:
            messages.info(self.request, gettext("Nothing was changed."))
        elif result.status == Status.APPROVED and result.has_proposed_changes:
            messages.success(
                self.request,
                gettext("Your changes were sent to the moderators. The board shows the present text until then."),
            )
        elif result.status == Status.PENDING:
            messages.success(
                self.request, gettext("Sent to the moderators. It appears on the board once they approve it.")
            )
        else:
            messages.success(self.request, gettext("Saved."))
        return redirect("cooperation:owner-opportunity-list")


class OwnerOpportunityActionView(OwnerOpportunityMixin, TemplateView):
    """A confirmed action on an owner's item: renew, withdraw or send a draft (POST; GET asks to confirm)."""

    template_name = "cooperation/opportunity_confirm.html"
    action = ""

    def get_context_data(self, **kwargs):
        return super().get_context_data(opportunity=self.opportunity, action=self.action, **kwargs)

    def post(self, request, *args, **kwargs):
        service = {
            "renew": services.opportunity_renew,
            "withdraw": services.opportunity_withdraw,
            "submit": services.opportunity_submit,
        }[self.action]
        try:
            service(opportunity=self.opportunity, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("cooperation:owner-opportunity-list")
        messages.success(
            request,
            {
                "renew": gettext("Renewed: it stays on the board for six more months."),
                "withdraw": gettext("Withdrawn: it is no longer on the board."),
                "submit": gettext("Sent to the moderators. It appears on the board once they approve it."),
            }[self.action],
        )
        return redirect("cooperation:owner-opportunity-list")


class OwnerMatchesView(OwnerOpportunityMixin, TemplateView):
    """Suggested partners for each of the owner's public items: a fixed number of queries, whatever their number."""

    template_name = "cooperation/owner_matches.html"

    def get_context_data(self, **kwargs):
        items = Opportunity.objects.public().for_listing().of_user(self.request.user).order_by("-published_at", "-pk")
        return super().get_context_data(suggestions=suggestions_for(items), **kwargs)


class DigestPreferenceView(LoginRequiredMixin, View):
    def post(self, request, *args, **kwargs):
        form = DigestPreferenceForm(request.POST)
        form.is_valid()
        enabled = form.cleaned_data.get("match_digest", False)
        services.digest_set(user=request.user, enabled=enabled)
        messages.success(
            request,
            gettext("You will receive suggested partners by email.")
            if enabled
            else gettext("You will no longer receive suggested partners by email."),
        )
        return redirect("cooperation:owner-opportunity-list")


class UnsubscribeView(TemplateView):
    """The digest's unsubscribe link: a page with one button, so that mail scanners following links change nothing."""

    template_name = "cooperation/unsubscribe.html"

    def dispatch(self, request, *args, **kwargs):
        self.user = services.user_from_unsubscribe_token(kwargs["token"])
        if self.user is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        services.digest_set(user=self.user, enabled=False)
        return self.render_to_response(self.get_context_data(done=True))
