// Command etcd is etcd v3.6's server, built from the go.etcd.io/etcd/server/v3 module that
// k8s.io/kubernetes already requires (the etcd repository's own main module has replace paths).
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() {
	etcdmain.Main(os.Args)
}
