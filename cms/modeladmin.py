"""Admin listings and record pages that answer a malformed URL with 404, never 500.

wagtail-modeladmin hands URL values to the database as they come: `inspect/abc/`
or a sign-up's `inspect/not-a-uuid/` fail in the query, a list filter given `abc`
for a number fails in the listing, and a query parameter no filter declares
becomes a lookup of its own. The last one is worse than an error:
`?participant__id=5` would list one pseudonym's contributions together. So here
a record's key is checked before the lookup (404 when it cannot be one), a
filter value that does not fit its field is ignored, and parameters no declared
filter takes are ignored.
"""

from functools import wraps

from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.http import Http404
from wagtail_modeladmin.options import ModelAdmin
from wagtail_modeladmin.views import IndexView

# Values no database column of ours holds; PostgreSQL refuses them in a query.
NUL = "\x00"


def parsed_pk(model: type[Model], raw: str | None):
    """The primary key `raw` stands for, or None when it cannot be one.

    Conversion and the field's validators run here, so text for a number, a
    number beyond the column's range or a malformed UUID never reach the query.
    """
    if raw is None or NUL in raw:
        return None
    field = model._meta.pk.target_field if model._meta.pk.is_relation else None
    field = field or model._meta.pk
    try:
        value = field.to_python(raw)
        field.run_validators(value)
    except (ValidationError, TypeError, ValueError):
        return None
    return value


class LenientIndexView(IndexView):
    """A listing that ignores what it cannot use instead of failing on it."""

    def get_filters_params(self, params=None):
        lookup_params = super().get_filters_params(params)
        return {
            key: values
            for key, values in lookup_params.items()
            if NUL not in key and not any(NUL in value for value in values)
        }

    def get_filters(self, request):
        specs, has_filters, _undeclared, use_distinct = super().get_filters(request)
        for spec in specs:
            self.ignore_unusable_values(request, spec)
        return specs, has_filters, {}, use_distinct

    def ignore_unusable_values(self, request, spec) -> None:
        """Building the filter's query (not running it) shows a value misfits."""
        try:
            spec.queryset(request, self.get_base_queryset(request))
        except (IncorrectLookupParameters, ValidationError, ValueError, TypeError):
            spec.used_parameters.clear()

    def get_search_results(self, request, queryset, search_term):
        return super().get_search_results(
            request, queryset, search_term.replace(NUL, "")
        )


def with_valid_instance_pk(view_method):
    """A record's view, reached only when the URL's key can be one (else 404)."""

    @wraps(view_method)
    def view(model_admin, request, instance_pk, *args, **kwargs):
        if parsed_pk(model_admin.model, unquote(instance_pk)) is None:
            raise Http404
        return view_method(model_admin, request, instance_pk, *args, **kwargs)

    return view


class LenientModelAdmin(ModelAdmin):
    """A ModelAdmin whose listing and record pages survive malformed URLs."""

    index_view_class = LenientIndexView
    inspect_view = with_valid_instance_pk(ModelAdmin.inspect_view)
    edit_view = with_valid_instance_pk(ModelAdmin.edit_view)
    delete_view = with_valid_instance_pk(ModelAdmin.delete_view)
    history_view = with_valid_instance_pk(ModelAdmin.history_view)

    @with_valid_instance_pk
    def instance_view(self, request, instance_pk: str, view_class):
        """A view of one record that the ModelAdmin adds (an action)."""
        return view_class.as_view(model_admin=self, instance_pk=instance_pk)(request)
