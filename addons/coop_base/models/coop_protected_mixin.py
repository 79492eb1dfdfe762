from odoo import api, models
from odoo.exceptions import AccessError

# The key to the workflow's door. A context travels over JSON-RPC, but only
# as JSON: this object cannot be sent by any client, so a context holding it
# was made by server code (as OCA queue_job guards its jobs' fields).
_WORKFLOW = object()
_CONTEXT_KEY = "coop_workflow"


class CoopProtectedMixin(models.AbstractModel):
    """Fields that only the model's workflow methods may set.

    ``readonly`` in a view is presentation; this is the protection. Two kinds:

    - ``_coop_workflow_fields``: never given to ``create`` or ``write`` by a
      caller, whoever it is (administrators and ``sudo()`` included): states,
      decisions, results, numbers, hashes, deciders and decision dates;
    - ``_coop_frozen_fields()``: fields of a record that may no longer change
      in its current stage (quantities after submission, a ballot's options
      once opened...), also refused on a record created in that stage.

    Workflow methods write through ``_coop_workflow()``. A model whose own
    ``create`` sets protected values checks the caller's values first with
    ``_coop_check_protected_vals`` and then calls ``super()`` from
    ``_coop_workflow()``.
    """

    _name = "coop.protected.mixin"
    _description = "Co-op Fields Set Only by Workflow"

    _coop_workflow_fields = ()

    def _coop_frozen_fields(self):
        """Names of the fields of this record (a singleton) that its stage
        freezes; override per model."""
        self.ensure_one()
        return set()

    def _coop_workflow(self):
        """These records, allowed to write their protected fields."""
        return self.with_context(**{_CONTEXT_KEY: _WORKFLOW})

    def _coop_in_workflow(self):
        return self.env.context.get(_CONTEXT_KEY) is _WORKFLOW

    def _coop_refuse(self, names):
        if not names:
            return
        fields_text = ", ".join(
            sorted(self._fields[name]._description_string(self.env) for name in names)
        )
        raise AccessError(
            self.env._(
                "%(fields)s of %(model)s can only be changed by its workflow "
                "(the buttons of the form), not written directly.",
                fields=fields_text,
                model=self._description,
            )
        )

    @api.model
    def _coop_check_protected_vals(self, vals_list):
        """Refuse workflow fields in the values a caller gives to create."""
        if not self._coop_in_workflow():
            for vals in vals_list:
                self._coop_refuse(set(vals) & set(self._coop_workflow_fields))

    @api.model
    def default_get(self, fields_list):
        """Workflow fields take their field's own default, never one from the
        context or ir.default: a caller sends ``default_state`` as easily as
        ``state``. Also inside the workflow, which calls ``create`` for the
        caller's values: it sets its own values explicitly."""
        defaults = super().default_get(fields_list)
        for name in set(defaults) & set(self._coop_workflow_fields):
            field = self._fields[name]
            if field.default:
                value = field.convert_to_cache(field.default(self), self, validate=False)
                defaults[name] = field.convert_to_write(value, self)
            else:
                del defaults[name]
        return defaults

    @api.model_create_multi
    def create(self, vals_list):
        self._coop_check_protected_vals(vals_list)
        records = super().create(vals_list)
        if not self._coop_in_workflow():
            # a value reaches a new record through the context's defaults too
            from_context = {
                key.removeprefix("default_")
                for key in self.env.context
                if key.startswith("default_")
            }
            for record, vals in zip(records, vals_list, strict=True):
                record._coop_refuse(record._coop_frozen_fields() & (set(vals) | from_context))
        return records

    def write(self, vals):
        if not self._coop_in_workflow():
            self._coop_refuse(set(vals) & set(self._coop_workflow_fields))
            for record in self:
                record._coop_refuse(record._coop_frozen_fields() & set(vals))
        return super().write(vals)

    # Data files (demo history, e.g. a member withdrawn years ago) are loaded
    # while the registry is being built, which serves no request; an import
    # by a user (``load``) runs on a ready registry and is checked.
    def _coop_data_loader(self):
        return self if self.pool.ready else self._coop_workflow()

    def _load_records_create(self, vals_list):
        return super(CoopProtectedMixin, self._coop_data_loader())._load_records_create(vals_list)

    def _load_records_write(self, values):
        return super(CoopProtectedMixin, self._coop_data_loader())._load_records_write(values)
