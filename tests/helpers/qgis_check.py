"""Run by Debian's /usr/bin/python3 (QGIS bindings): load geomap outputs headless,
check layers, default styles and Arabic text, render a PNG.  Prints one JSON line."""

import json
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from qgis.core import (QgsApplication, QgsCoordinateReferenceSystem, QgsMapRendererParallelJob,  # noqa: E402
                       QgsMapSettings, QgsRectangle, QgsVectorLayer)
from qgis.PyQt.QtCore import QSize  # noqa: E402
from qgis.PyQt.QtGui import QColor  # noqa: E402

outdir, png = sys.argv[1], sys.argv[2]
QgsApplication.setPrefixPath("/usr", True)
app = QgsApplication([], False)
app.initQgis()
res = {}
layers = []
for name in ("events", "event_areas", "event_axes"):
    lyr = QgsVectorLayer(f"{outdir}/events.gpkg|layername={name}", name, "ogr")
    rnd = lyr.renderer()
    res[name] = {"valid": lyr.isValid(), "count": lyr.featureCount(),
                 "renderer": rnd.type() if rnd else None,
                 "symbol_layers": sorted({s.symbolLayer(0).layerType() for s in rnd.symbols(
                     __import__("qgis.core", fromlist=["QgsRenderContext"]).QgsRenderContext())})
                 if rnd else [],
                 "geos_valid": all(f.geometry().isGeosValid() for f in lyr.getFeatures())}
    layers.append(lyr)
gj = QgsVectorLayer(f"{outdir}/events.geojson", "geojson", "ogr")
res["geojson"] = {"valid": gj.isValid(), "count": gj.featureCount(),
                  "arabic": sum(1 for f in gj.getFeatures() if "الرقة" in (f["quote"] or ""))}
ms = QgsMapSettings()
ms.setLayers(layers)
ms.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:4326"))
ms.setExtent(QgsRectangle(35.5, 32.2, 42.5, 37.5))
ms.setOutputSize(QSize(800, 600))
ms.setBackgroundColor(QColor("white"))
job = QgsMapRendererParallelJob(ms)
job.start()
job.waitForFinished()
img = job.renderedImage()
res["png"] = img.save(png)
# how many pixels are not white: something was drawn
res["drawn_pixels"] = sum(1 for x in range(0, 800, 4) for y in range(0, 600, 4)
                          if img.pixelColor(x, y).name() != "#ffffff")
print(json.dumps(res), flush=True)
# QGIS 3.22 can crash while tearing down offscreen Qt; the results are printed, leave now
os._exit(0)
