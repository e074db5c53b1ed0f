"""RSS and Atom feeds of new resources: the whole library, and one per theme.

Items are public records (`resources.record`): the feed formats have a fixed set of elements, so
a feed shows the record's title, summary, address, dates, authors, type and themes.
"""

from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape

from home.site_address import absolute
from resources.models import ResourcePage
from resources.record import record_of, with_record_prefetches
from themes.models import ThemePage

FEED_LENGTH = 30


@dataclass
class FeedContext:
    path: str
    theme: ThemePage | None = None


class NewResourcesFeed(Feed):
    feed_type = Rss201rev2Feed
    title = "Learning from Big Local: new resources"
    description = "Resources newly added to the Learning from Big Local library."

    def get_object(self, request, *args, **kwargs):
        # Feed objects are shared by every request: what a request brings travels in `obj`.
        return FeedContext(path=request.path)

    def link(self, obj):
        return absolute("/resources/")

    def feed_url(self, obj):
        return absolute(obj.path)

    def resources(self):
        # Newest additions first: when a resource went live, not when it was first written.
        return with_record_prefetches(ResourcePage.objects.visible()).order_by(
            "-first_published_at"
        )

    def records(self, resources):
        return [record_of(resource) for resource in resources[:FEED_LENGTH]]

    def items(self, obj):
        return self.records(self.resources())

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # Feed readers show a description as HTML: the summary is text, so it goes in escaped.
        return escape(item.summary)

    def item_link(self, item):
        return item.url

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        return ", ".join(item.authors) or None

    def item_categories(self, item):
        return [item.type.name] + [theme.name for theme in item.themes]


class NewResourcesAtomFeed(NewResourcesFeed):
    feed_type = Atom1Feed
    subtitle = NewResourcesFeed.description


class ThemeResourcesFeed(NewResourcesFeed):
    def get_object(self, request, slug):
        theme = ThemePage.objects.visible().filter(slug=slug).first()
        if theme is None:
            raise Http404("No such theme")
        return FeedContext(path=request.path, theme=theme)

    def title(self, obj):
        return f"Learning from Big Local: new resources on {obj.theme.title}"

    def description(self, obj):
        return f"Resources newly added to the library under the theme {obj.theme.title}."

    def link(self, obj):
        return obj.theme.full_url

    def items(self, obj):
        return self.records(self.resources().filter(themes=obj.theme))


class ThemeResourcesAtomFeed(ThemeResourcesFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj):
        return self.description(obj)
