"""Wagtail hooks of the security app: who may download a document."""

from wagtail import hooks

from security.downloads import check_document_access


@hooks.register("before_serve_document")
def serve_only_documents_the_public_may_see(document, request):
    return check_document_access(document, request)


@hooks.register("register_admin_urls")
def two_factor_urls():
    from security import two_factor

    return two_factor.urlpatterns
