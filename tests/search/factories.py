import factory

from search.services import index_update


class SearchIndexedFactory(factory.django.DjangoModelFactory):
    """Indexes what it creates, as the app's services and admin do: published content is found, drafts are not.

    After the post-generation hooks, so that many-to-many values (directions,
    municipalities) are in the entry.
    """

    class Meta:
        abstract = True

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        super()._after_postgeneration(instance, create, results)
        if create:
            index_update(instance)
