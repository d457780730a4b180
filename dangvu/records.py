"""Generic record views: a list of records with declared columns and filters, and a form that
runs one named action.

Most pages of dangvu are one of two shapes. A list: the records of a kind the user may read
(`scope.visible`), narrowed by filters read from the URL (`dangvu.web`'s parsers), shown as a
table. A form: the input shaped by a form, one named action run with it, a Vietnamese message,
a redirect; the action's ValidationError is shown on the form and nothing is written. Both are
Django generic views (ListView, FormView) configured by class attributes, so a record kind's
page is a declaration, not code:

    score_list = RecordListView.as_view(
        queryset=Score.objects.select_related("org"),
        columns=[Column("year"), Column("org"), Column("score", num=True)],
        filters=[YearFilter("year")],
        create=("score_create", "Ghi điểm"),
    )

A column's label is its model field's verbose name unless one is given.
"""

import datetime as dt
import functools
import inspect
from dataclasses import dataclass
from decimal import Decimal

from django import forms
from django.contrib import messages
from django.core.exceptions import FieldDoesNotExist
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.text import capfirst
from django.views.generic import FormView, ListView

from dangvu.lib.dates import vn_date
from dangvu.lib.text import decimal_vi
from dangvu.orgs.models import Organization
from dangvu.orgs.tree import subtree_ids
from dangvu.people.models import Person
from dangvu.web import (
    NOTHING_CHOSEN,
    DateInput,
    YearField,
    apply_action,
    first_option,
    optional_year_param,
    org_param,
)

# Columns ---------------------------------------------------------------------------------------


def shown(value):
    """A value as a table cell writes it: dates dd/mm/yyyy, decimals with a comma, None empty."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return vn_date(value)
    if isinstance(value, Decimal):
        return decimal_vi(value)
    return str(value)


class Column:
    """One column of a record list: `value` is a field name (its choice label when it has
    choices) or a function of the record; `link` a function of the record giving a URL; `when`
    a function of (scope, record) saying whether the cell is shown (an action the user may
    take). The label defaults to the field's verbose name."""

    def __init__(self, value, label=None, *, link=None, num=False, when=None):
        self.value, self.label, self.link, self.num, self.when = value, label, link, num, when

    def header(self, model):
        if self.label is not None:
            return self.label
        try:
            return capfirst(model._meta.get_field(self.value).verbose_name)
        except (FieldDoesNotExist, TypeError):
            return ""

    def cell(self, record, scope):
        if self.when is not None and not self.when(scope, record):
            return {"text": "", "url": None, "num": self.num}
        if callable(self.value):
            text = self.value(record)
        else:
            display = getattr(record, f"get_{self.value}_display", None)
            text = display() if display else getattr(record, self.value)
        url = self.link(record) if self.link else None
        return {"text": shown(text), "url": url, "num": self.num}


def detail_url(name):
    """A column's link: the page `name` of the row's record (its id the one URL parameter)."""
    return lambda record: reverse(name, args=[record.pk])


def person_url(person_id):
    return reverse("person_detail", args=[person_id])


# Filters ---------------------------------------------------------------------------------------


@dataclass
class YearFilter:
    """?nam=2017: records whose `lookup` (a year, or a date's __year) is that year."""

    lookup: str
    name: str = "nam"
    label: str = "Năm"

    def parse(self, request):
        return optional_year_param(request, self.name)

    def apply(self, qs, year):
        return qs.filter(**{self.lookup: year})

    def widget(self, request, year):
        return {"name": self.name, "label": self.label, "value": year or "", "type": "number"}


@dataclass
class OrgFilter:
    """?to-chuc=<slug>: records of that organization and those below it, among the
    organizations the user reads (any other is a 404 that does not name it)."""

    lookup: str = "org"
    name: str = "to-chuc"
    label: str = "Tổ chức"

    def parse(self, request):
        return org_param(request, name=self.name)

    def apply(self, qs, org):
        return qs.filter(**{f"{self.lookup}_id__in": subtree_ids([org.id])})

    def widget(self, request, org):
        options = [(o.slug, o.name) for o in filter_orgs(request.scope)]
        return _select(self.name, self.label, options, org.slug if org else "")


@dataclass
class ChoiceFilter:
    """?<name>=<code>: records whose `lookup` is one of `choices`; anything else is no filter."""

    lookup: str
    name: str
    label: str
    choices: list

    def parse(self, request):
        value = request.GET.get(self.name, "")
        return value if value in dict(self.choices) else ""

    def apply(self, qs, value):
        return qs.filter(**{self.lookup: value})

    def widget(self, request, value):
        return _select(self.name, self.label, self.choices, value)


def filter_orgs(scope):
    """The organizations a list may be narrowed to: those read, but not an agency's
    departments and units, which hold no records of their own."""
    return scope.orgs().exclude(
        kind__in=[Organization.Kind.DEPARTMENT, Organization.Kind.SERVICE_UNIT]
    )


def _select(name, label, options, value):
    return {"name": name, "label": label, "options": options, "value": value, "type": "select"}


# Views -----------------------------------------------------------------------------------------


class RecordListView(ListView):
    """The records of a kind the user reads, filtered by `filters` and shown in `columns`; a
    `create` link (url name, label) for users who write some organization's records."""

    template_name = "records/table.html"
    title = ""
    columns = ()
    filters = ()
    create = None

    def get_queryset(self):
        qs = self.request.scope.visible(super().get_queryset())
        self.chosen = {f.name: f.parse(self.request) for f in self.filters}
        for f in self.filters:
            if self.chosen[f.name]:
                qs = f.apply(qs, self.chosen[f.name])
        return qs

    def get_title(self):
        return self.title

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        scope, model = self.request.scope, self.object_list.model
        context.update(
            title=self.get_title(),
            columns=[(c.header(model), c.num) for c in self.columns],
            rows=[[c.cell(r, scope) for c in self.columns] for r in self.object_list],
            filters=[f.widget(self.request, self.chosen[f.name]) for f in self.filters],
            actions=self.get_actions(),
        )
        return context

    def get_actions(self):
        if self.create and self.request.scope.can_write_any:
            name, label = self.create
            return [(reverse(name), label)]
        return []


class ActionFormView(FormView):
    """A form that runs one named action: `action(user, *self.action_args(), **data)`.

    The form is `form_class`; for an action that writes a `model` record, it is the one
    `record_form` derives from the model and the action's parameters (`form_class`, if given,
    is its base: fields of its own, organization kinds).

    `title`, `intro` and `success_message` may name the record: "Sửa {object.person}"
    (str.format, `object`); the message also what the action returned: "Đã thêm {result}.",
    and what the form sent: "Đã sáp nhập {object} vào {data[successor]}." (`cleaned_data`,
    kept on the view once the form is valid).
    The form opens on `initial` and, for an edit, on the record's `initial_fields`.

    Without `record`, the user must write some organization's records (403 otherwise) and the
    form's organization and person choices are those they write. With `record` (a model, its
    id the URL's `record_kwarg`), the record must be readable (404) and writable (403); it is
    passed to the action first. On success: `success_message` and a redirect to
    `get_success_url(result)` (the page `result_url_name` of the record the action made, the
    record's page `record_url_name`, or `success_url_name`); an
    action's ValidationError is shown on the form (status 400).
    """

    template_name = "form.html"
    action = None
    model = None  # the form is then `record_form(model, action, form_class or RecordForm)`
    fields = None  # the model's fields an action taking `**fields` takes
    record = None
    record_kwarg = None
    title = ""
    submit = "Lưu"
    intro = ""
    success_message = "Đã lưu."
    success_url_name = None
    back_url_name = None
    record_url_name = None  # the record's own page: where its form goes back and returns
    result_url_name = None  # the page of the record the action made (a new campaign's page)
    initial_fields = ()

    def dispatch(self, request, *args, **kwargs):
        self.object = self.get_object()
        return super().dispatch(request, *args, **kwargs)

    def get_object(self):
        """The record the action changes, found and checked before anything else (a subclass
        finds it another way, e.g. an organization by its slug); None for a new record."""
        scope = self.request.scope
        if self.record is None:
            scope.require_write_any()
            return None
        return scope.get_or_404(self.record, self.kwargs[self.record_kwarg], write=True)

    def get_action(self):
        # The action is a plain function: set by as_view(action=…) it is on the instance; set
        # on a subclass it is read from the class, so that it is not bound as a method.
        return vars(self).get("action") or type(self).action

    def get_form_class(self):
        if self.model is not None:
            base = self.form_class or RecordForm
            fields = None if self.fields is None else tuple(self.fields)
            return record_form(self.model, self.get_action(), base, fields)
        return self.form_class

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        form_class = self.get_form_class()
        if issubclass(form_class, ScopedFormMixin):
            kwargs["scope"] = self.request.scope
        if issubclass(form_class, forms.ModelForm) and isinstance(
            self.object, form_class._meta.model
        ):
            kwargs["instance"] = self.object  # an edit opens on what is stored
        return kwargs

    def get_initial(self):
        """`initial` (a callable value, e.g. `timezone.localdate`, is called) and the record's
        `initial_fields`: an edit form opens on what is stored."""
        initial = {k: v() if callable(v) else v for k, v in self.initial.items()}
        initial.update({f: getattr(self.object, f) for f in self.initial_fields})
        return initial

    def action_args(self):
        return (self.object,) if self.object is not None else ()

    def action_data(self, form):
        return form.cleaned_data

    def form_valid(self, form):
        self.cleaned_data = form.cleaned_data
        result = apply_action(
            form,
            self.get_action(),
            self.request.user,
            *self.action_args(),
            **self.action_data(form),
        )
        if form.errors:  # the action refused; an action may return nothing (a deletion)
            return self.form_invalid(form)
        self.tell(result)
        return redirect(self.get_success_url(result))

    def tell(self, result):
        """Say what was done (a subclass adds the action's warnings); nothing when the page
        it leads to says it."""
        message = self.get_success_message(result)
        if message:
            messages.success(self.request, message)

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def get_success_message(self, result):
        return self.success_message.format(
            object=self.object, result=result, data=self.cleaned_data
        )

    def get_success_url(self, result=None):
        if self.result_url_name:
            return reverse(self.result_url_name, args=[result.pk])
        if self.record_url_name:
            return reverse(self.record_url_name, args=[self.object.pk])
        return reverse(self.success_url_name)

    def get_back_url(self):
        if self.record_url_name and not self.back_url_name:
            return reverse(self.record_url_name, args=[self.object.pk])
        return reverse(self.back_url_name or self.success_url_name)

    def get_title(self):
        return self.title.format(object=self.object)

    def get_intro(self):
        return self.intro.format(object=self.object)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            title=self.get_title(),
            back_url=self.get_back_url(),
            submit=self.submit,
            intro=self.get_intro(),
        )
        return context


# Forms -----------------------------------------------------------------------------------------


class ScopedFormMixin:
    """A form whose organization and person choices are limited to what the user may change,
    and whose other record choices to what the user may read."""

    org_fields = {}  # field name -> organization kinds (None: any)
    current_orgs = False  # only organizations still in being (not dissolved)
    person_fields = ()
    record_fields = ()  # choices of other records: those the scope reads (dangvu.core.access)

    def __init__(self, *args, scope, **kwargs):
        super().__init__(*args, **kwargs)
        for name, kinds in self.org_fields.items():
            self.fields[name].queryset = scope.writable_orgs(kinds, current=self.current_orgs)
        for name in self.person_fields:
            people = scope.writable_people(Person.objects.all()).order_by("sort_name", "id")
            self.fields[name].queryset = people
        for name in self.record_fields:
            self.fields[name].queryset = scope.visible(self.fields[name].queryset)
        for field in self.fields.values():
            # A record to choose opens on "— Chọn —", an optional one on "—", as everywhere
            # (web.first_option), not on Django's "---------".
            if getattr(field, "empty_label", None) is not None:
                field.empty_label = first_option(field.required)
            # A required choice of a model field's choices offers only them (a ModelForm adds
            # a blank one); an optional one opens on "—" (nothing chosen).
            choices = getattr(field, "choices", None)
            if isinstance(field, forms.TypedChoiceField) and choices and choices[0][0] == "":
                optional = [("", NOTHING_CHOSEN), *choices[1:]]
                field.choices = choices[1:] if field.required else optional


class ScopedForm(ScopedFormMixin, forms.Form):
    pass


def model_formfield(field, **kwargs):
    """A model field's form field as the house writes it: a year within the years dangvu
    knows, a whole number within what the database stores, dates picked in the browser's date
    input, long texts in a four-row box, a record chosen under its kind's name when the
    field has no name of its own ("Tổ chức"), and dropdowns that open as every dropdown does
    (`web.first_option`: none for a required choice of the model's choices)."""
    if field.name == "year" or field.name.endswith("_year"):  # a shortcoming's `review_year`
        kwargs.setdefault("form_class", YearField)
    elif isinstance(field, models.IntegerField):
        # The database's bounds (the model's validators), which a ModelForm leaves to the model
        # validation this form skips: a 20-digit number is a message, not a failed INSERT.
        for validator in field.validators:
            if isinstance(validator, MinValueValidator):
                kwargs.setdefault("min_value", validator.limit_value)
            elif isinstance(validator, MaxValueValidator):
                kwargs.setdefault("max_value", validator.limit_value)
    elif isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField):
        kwargs.setdefault("widget", DateInput())
    elif isinstance(field, models.TextField):
        kwargs.setdefault("widget", TEXT)
    if field.is_relation and field.verbose_name == field.name.replace("_", " "):
        kwargs.setdefault("label", capfirst(field.related_model._meta.verbose_name))
    if isinstance(field, models.ForeignKey):
        kwargs.setdefault("empty_label", first_option(not field.blank))
    elif field.choices:
        blank = [("", NOTHING_CHOSEN)]  # unless the choices hold an empty value of their own
        kwargs.setdefault(
            "choices", field.get_choices(include_blank=field.blank, blank_choice=blank)
        )
    return field.formfield(**kwargs)


class RecordForm(ScopedFormMixin, forms.ModelForm):
    """A ModelForm that only shapes the input: labels and limits come from the model's fields,
    every rule is checked by the action (one place, one Vietnamese message), so the form does
    not validate the model instance itself."""

    def _post_clean(self):
        pass


def action_parameters(action) -> list[str]:
    """The keyword-only parameters of a named action: what its form may fill."""
    parameters = inspect.signature(action).parameters.values()
    return [p.name for p in parameters if p.kind is inspect.Parameter.KEYWORD_ONLY]


@functools.cache
def record_form(model, action, base=RecordForm, fields=None):
    """The form of an action that writes a `model` record: the model's fields the action takes
    (by name, in the model's order), labelled, limited and widgeted by the model. A field added
    to the model and to the action's parameters is on the form; nothing else is written.

    An action that takes `**fields` names the fields it takes in a list (`fields`, in the order
    shown), as Django's generic edit views do. `base` may declare fields of its own (a score
    typed as text, a field the model lacks): they replace the model's. An organization or
    person chosen is one the user writes (`base.org_fields` may narrow the organizations'
    kinds); any other record, one they read.
    """
    if fields is None:
        wanted = set(action_parameters(action))
        fields = [f for f in model._meta.fields if f.name in wanted and f.editable]
    else:
        fields = [model._meta.get_field(name) for name in fields]
    declared = base.declared_fields
    choices = [f for f in fields if f.is_relation and f.name not in declared]
    attrs = {
        "Meta": type(
            "Meta",
            (getattr(base, "Meta", object),),
            {
                "model": model,
                "fields": [f.name for f in fields],
                "formfield_callback": model_formfield,
            },
        ),
        "org_fields": {f.name: None for f in choices if f.related_model is Organization}
        | base.org_fields,
        "person_fields": tuple(f.name for f in choices if f.related_model is Person)
        + tuple(base.person_fields),
        "record_fields": tuple(
            f.name for f in choices if f.related_model not in (Organization, Person)
        ),
    }
    return type(f"{model.__name__}Form", (base,), attrs)


# Fields of the forms whose choices ScopedFormMixin fills: none until the scope is known.


def org_field(label, required=True):
    return _record_field(Organization, label, required)


def person_field(label, required=True):
    return _record_field(Person, label, required)


def _record_field(model, label, required):
    return forms.ModelChoiceField(
        empty_label=first_option(required),
        label=label,
        queryset=model.objects.none(),
        required=required,
    )


def date_field(label, required=True):
    return forms.DateField(label=label, required=required, widget=DateInput())


TEXT = forms.Textarea(attrs={"rows": 4})


def text_field(label, rows=4):
    return forms.CharField(label=label, required=False, widget=forms.Textarea(attrs={"rows": rows}))


class DateForm(forms.Form):
    """The one date an action needs (a training completed, a shortcoming remedied)."""

    on = date_field("Ngày")


class DatedActionView(ActionFormView):
    """A record's action that only needs the day it happened: `action(user, record, on=…)`."""

    form_class = DateForm
    submit = "Ghi nhận"
