from django.urls import path
from django.views.generic import TemplateView

from registrations import views

app_name = "registrations"

urlpatterns = [
    path("companies/register/", views.RegistrationCreateView.as_view(), name="registration-create"),
    path("companies/register/sent/", views.RegistrationSentView.as_view(), name="registration-sent"),
    path("companies/register/confirm/<str:token>/", views.RegistrationVerifyView.as_view(), name="registration-verify"),
    path("companies/register/change/<str:token>/", views.RegistrationEditView.as_view(), name="registration-edit"),
    path(
        "companies/register/resubmitted/",
        TemplateView.as_view(template_name="registrations/registration_resubmitted.html"),
        name="registration-resubmitted",
    ),
    path("companies/<slug:slug>/contact/", views.CompanyContactView.as_view(), name="company-contact"),
    path("companies/<slug:slug>/contact/sent/", views.CompanyContactSentView.as_view(), name="company-contact-sent"),
    path("companies/<slug:slug>/claim/", views.ClaimCreateView.as_view(), name="claim-create"),
    path("companies/<slug:slug>/claim/sent/", views.ClaimSentView.as_view(), name="claim-sent"),
    path("companies/claim/confirm/<str:token>/", views.ClaimConfirmView.as_view(), name="claim-confirm"),
    path("applications/<str:token>/", views.ApplicationView.as_view(), name="application"),
    path("account/", views.AccountView.as_view(), name="account"),
    path("account/login/", views.OwnerLoginView.as_view(), name="login"),
    path("account/login/second-step/", views.OwnerSecondFactorView.as_view(), name="second-factor"),
    path("account/two-factor/", views.OwnerTwoFactorView.as_view(), name="two-factor"),
    path("account/logout/", views.OwnerLogoutView.as_view(), name="logout"),
    path("account/set-password/<uidb64>/<token>/", views.OwnerSetPasswordView.as_view(), name="set-password"),
    path("account/password-reset/", views.OwnerPasswordResetView.as_view(), name="password-reset"),
    path(
        "account/password-reset/sent/",
        TemplateView.as_view(template_name="registrations/password_reset_sent.html"),
        name="password-reset-sent",
    ),
    path("account/companies/<slug:slug>/edit/", views.OwnerProfileEditView.as_view(), name="company-edit"),
    path("account/my-data.json", views.OwnerDataExportView.as_view(), name="data-export"),
    path("account/delete/", views.OwnerEraseView.as_view(), name="erase"),
    path(
        "account/deleted/",
        TemplateView.as_view(template_name="registrations/erased.html"),
        name="erased",
    ),
]
