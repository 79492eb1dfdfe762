# The official Odoo 18 image with the OCA addons of requirements-oca.txt,
# installed as scripts/setup.sh does: pinned and without dependencies (their
# wheels require a pip package `odoo` that the image's Debian package is not),
# into /opt/oca/odoo/addons, which odoo.conf puts on the addons path.
FROM odoo:18
USER root
COPY requirements-oca.txt /tmp/requirements-oca.txt
RUN pip3 install --no-deps --no-cache-dir --break-system-packages --target /opt/oca \
        -r /tmp/requirements-oca.txt \
    && rm /tmp/requirements-oca.txt
USER odoo
